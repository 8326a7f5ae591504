"""Package build for scattn: every setting is read from settings.ini (nbdev 2 layout).

The registry (`data/registry.json`) and the report notebooks (`nbs/reports/cluster.ipynb`, `annotate.ipynb`) have
one source each in the repository; the build copies them into the package as `scattn/_pkgdata/`, so that an
installed wheel runs `scattn data list` and `scattn report` without the repository (`scattn.data.package_file`).
"""
from configparser import ConfigParser
from pathlib import Path
import shutil
import setuptools
from setuptools.command.build_py import build_py

cfg = ConfigParser(delimiters=["="])
cfg.read("settings.ini", encoding="utf-8")
cfg = cfg["DEFAULT"]

requirements = cfg.get("requirements", "").split()
dev_requirements = cfg.get("dev_requirements", "").split()
grid_requirements = cfg.get("grid_requirements", "").split()
scripts = [s.strip() for s in cfg.get("console_scripts", "").split("\n") if s.strip()]
PACKAGE_DATA = ["data/registry.json", "nbs/reports/cluster.ipynb", "nbs/reports/annotate.ipynb"]


class BuildWithData(build_py):
    "build_py that also copies PACKAGE_DATA into <build>/scattn/_pkgdata/ (not into the source tree)."
    def run(self):
        super().run()
        for rel in PACKAGE_DATA:
            dest = Path(self.build_lib) / cfg["lib_path"] / "_pkgdata" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(rel, dest)


setuptools.setup(
    name=cfg["lib_name"],
    version=cfg["version"],
    description=cfg["description"],
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    author=cfg["author"],
    author_email=cfg["author_email"],
    license="Apache-2.0",
    url=cfg["git_url"],
    keywords=cfg["keywords"],
    python_requires=">=" + cfg["min_python"],
    packages=setuptools.find_packages(include=["scattn", "scattn.*"]),
    install_requires=requirements,
    extras_require={"dev": dev_requirements, "grid": grid_requirements},
    entry_points={"console_scripts": scripts, "nbdev": [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    cmdclass={"build_py": BuildWithData},
    zip_safe=False,
)
