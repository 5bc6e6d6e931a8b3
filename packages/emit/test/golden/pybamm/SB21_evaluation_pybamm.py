"""PyBaMM experiments of test plan SB21-evaluation for cell SB21, written by cellspec.

Run:  python SB21_evaluation_pybamm.py [EXPERIMENT_ID]
Builds one pybamm.Experiment per sub-test from SB21-evaluation.pybamm.json (same folder) and solves it with the
single-particle model. The parameter set is PyBaMM's Chen2020 with the nominal capacity of
SB21; replace it with the cell's own parameters for predictions.
"""
import json
import pathlib
import sys

import pybamm

HERE = pathlib.Path(__file__).resolve().parent
DATA = json.loads((HERE / "SB21-evaluation.pybamm.json").read_text(encoding="utf-8"))


def experiment(entry):
    """The pybamm.Experiment of one sub-test: each cycle is a tuple of steps, repeated."""
    conditions = []
    for cycle in entry["cycles"]:
        steps = []
        for text, temperature, period in zip(cycle["steps"], cycle["temperatures"], cycle["periods"]):
            options = {}
            if temperature is not None:
                options["temperature"] = temperature
            if period is not None:
                options["period"] = period
            steps.append(pybamm.step.string(text, **options))
        conditions += [tuple(steps)] * cycle["repeat"]
    return pybamm.Experiment(conditions)


def main(selected=None):
    parameters = pybamm.ParameterValues("Chen2020")
    parameters["Nominal cell capacity [A.h]"] = DATA["nominal_capacity_Ah"]
    for entry in DATA["experiments"]:
        if selected and entry["id"] != selected:
            continue
        simulation = pybamm.Simulation(pybamm.lithium_ion.SPM(), experiment=experiment(entry), parameter_values=parameters)
        solution = simulation.solve()
        print(f"{entry['id']}: {len(solution.cycles)} cycles, {solution['Time [h]'].entries[-1]:.2f} h")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
