"""PyBaMM experiments of test plan SB21-evaluation for cell SB21, written by cellspec.

Run:  python SB21_evaluation_pybamm.py [EXPERIMENT_ID]
Builds one pybamm.Experiment per sub-test from SB21-evaluation.pybamm.json (same folder) and solves it.
No cell was given: PyBaMM's Chen2020 set stands in, with this plan's capacity and cut-offs. The cut-offs are the cell's voltage limits and the nominal capacity is the plan's 1C basis.
"""
import json
import math
import pathlib
import sys

import pybamm

HERE = pathlib.Path(__file__).resolve().parent
DATA = json.loads((HERE / "SB21-evaluation.pybamm.json").read_text(encoding="utf-8"))

OPTIONS = {}
MODEL = "DFN"
CELL_LIMITS = {
    "Nominal cell capacity [A.h]": 0.008,
    "Current function [A]": 0.008,
    "Lower voltage cut-off [V]": 2.5,
    "Upper voltage cut-off [V]": 4.25,
}


def parameter_values():
    """No cell was given: PyBaMM's Chen2020 set with this plan's capacity and cut-offs."""
    values = pybamm.ParameterValues("Chen2020")
    values.update(CELL_LIMITS)
    return values


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
    parameters = parameter_values()
    model = getattr(pybamm.lithium_ion, MODEL)(options=OPTIONS)
    for entry in DATA["experiments"]:
        if selected and entry["id"] != selected:
            continue
        simulation = pybamm.Simulation(model, experiment=experiment(entry), parameter_values=parameters)
        solution = simulation.solve()
        print(f"{entry['id']}: {len(solution.cycles)} cycles, {solution['Time [h]'].entries[-1]:.2f} h")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
