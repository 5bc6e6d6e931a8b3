"""Lists the parameter names PyBaMM's lithium-ion models read, from a PyBaMM source checkout.

Usage: python3 scripts/pybamm-parameter-names.py PYBAMM_REPO COMMIT > packages/emit/test/pybamm/parameter-names.txt

Reads every `pybamm.Parameter("…")` and `pybamm.FunctionParameter("…")` in the parameter classes
and the model submodels (git show COMMIT:path, so no work tree is needed) and expands the
f-string placeholders PyBaMM uses for domains, particle phases and hysteresis branches
({Domain}, {domain}, {pref}, {self.phase_prefactor}, {lithiation}).
Names whose placeholders are not one of those are left out (they are counted in the header).
"""
import itertools
import re
import subprocess
import sys

repo, commit = sys.argv[1], sys.argv[2]
root = "packages/pybamm/src/pybamm"
files = subprocess.run(
    ["git", "-C", repo, "ls-tree", "-r", "--name-only", commit, f"{root}/parameters", f"{root}/models"],
    capture_output=True, text=True, check=True,
).stdout.split()
CALL = re.compile(r"(?:Function)?Parameter\(\s*(f?)\"([^\"]+)\"")
VALUES = {
    "Domain": ["Negative", "Positive", "Separator"],
    "domain": ["negative", "positive", "separator"],
    "pref": ["", "Primary: ", "Secondary: "],
    "phase_pref": ["", "Primary: ", "Secondary: "],
    "phase_prefactor": ["", "Primary: ", "Secondary: "],
    "self.phase_prefactor": ["", "Primary: ", "Secondary: "],
    # `lithiation` is None (→ "") or "lithiation"/"delithiation" plus a space (hysteresis branches).
    "lithiation": ["", "lithiation ", "delithiation "],
}
names, skipped = set(), 0
for path in files:
    if not path.endswith(".py"):
        continue
    text = subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], capture_output=True, text=True).stdout
    for is_f, name in CALL.findall(text):
        holes = re.findall(r"\{([^}]*)\}", name) if is_f else []
        if any(h not in VALUES for h in holes):
            skipped += 1
            continue
        keys = sorted(set(holes))
        for combo in itertools.product(*(VALUES[k] for k in keys)):
            out = name
            for k, v in zip(keys, combo):
                out = out.replace("{" + k + "}", v)
            names.add(out)
print(f"# Parameter names read by PyBaMM's models: github.com/pybamm-team/PyBaMM at {commit}")
print(f"# (pybamm v26.8), {root}/parameters and {root}/models, extracted by scripts/pybamm-parameter-names.py.")
print(f"# {len(names)} names; {skipped} f-string names with other placeholders left out. PyBaMM: BSD-3-Clause.")
for n in sorted(names):
    print(n)
