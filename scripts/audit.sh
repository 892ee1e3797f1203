#!/bin/sh
# Known vulnerabilities in the pinned dependencies: pip-audit against PyPI's
# vulnerability service, over constraints.txt (no resolver, no network but PyPI).
#
# Where PyPI's JSON API is not reachable (a registry mirror without it), pip-audit
# can check nothing and reports every package as skipped. That is said loudly, not
# passed off as "no known vulnerabilities"; FOKUS_AUDIT_STRICT=1 makes it a failure.
# See SECURITY.md, "Dependency audit".
set -eu
PIP_AUDIT=${1:-.venv/bin/pip-audit}
CONSTRAINTS=${2:-constraints.txt}
REPORT=$(mktemp)
trap 'rm -f "$REPORT"' EXIT
status=0
"$PIP_AUDIT" --vulnerability-service pypi --no-deps --disable-pip \
    --requirement "$CONSTRAINTS" --format json --output "$REPORT" --progress-spinner off \
    2>/dev/null || status=$?
python3 - "$REPORT" "$status" <<'PY'
import json, os, sys
report = json.load(open(sys.argv[1]))
status = int(sys.argv[2])
deps = report.get("dependencies", [])
skipped = [d for d in deps if "skip_reason" in d]
found = [(d["name"], d["version"], v["id"]) for d in deps for v in d.get("vulns", [])]
for name, version, vuln in found:
    print(f"VULNERABLE {name} {version}: {vuln}")
checked = len(deps) - len(skipped)
print(f"pip-audit: {checked} of {len(deps)} pinned packages checked, "
      f"{len(found)} known vulnerabilities.")
if found or (status and not skipped):
    sys.exit(1)
if skipped:
    print(f"WARNING: {len(skipped)} packages could not be checked: PyPI's "
          "vulnerability service is not reachable from here "
          f"({skipped[0]['skip_reason']}).")
    if os.environ.get("FOKUS_AUDIT_STRICT") == "1":
        sys.exit(1)
PY
