"""Print one line `N passed, N failed` covering the export check, nbdev_test and pytest; exit 1 on any failure."""
import re, sys
import xml.etree.ElementTree as ET
from pathlib import Path

d = Path(sys.argv[1] if len(sys.argv) > 1 else ".test-results")
passed = failed = 0

rc = (d / "export.rc").read_text().strip() if (d / "export.rc").exists() else "1"
passed, failed = (1, 0) if rc == "0" else (0, 1)

log = (d / "nbdev.log").read_text() if (d / "nbdev.log").exists() else ""
started = len(re.findall(r"^Starting ", log, flags=re.M))
bad = log.split("nbdev Tests Failed On The Following Notebooks:")[1] if "Tests Failed" in log else ""
nb_failed = len([l for l in bad.splitlines() if l.strip().endswith(".ipynb")])
if started == 0: nb_failed = max(nb_failed, 1)          # nbdev_test did not run at all
passed += started - min(nb_failed, started); failed += nb_failed

try:
    suites = ET.parse(d / "pytest.xml").getroot()
    suites = [suites] if suites.tag == "testsuite" else list(suites)
    for s in suites:
        n, f, e, sk = (int(s.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
        passed += n - f - e - sk; failed += f + e
except (FileNotFoundError, ET.ParseError):
    failed += 1                                            # pytest did not run

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
