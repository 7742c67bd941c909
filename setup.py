"""Packaging hook: the wheel carries ``resources/`` (interview templates, fonts) inside the
package, where ``paths.resources_dir()`` looks when there is no source tree around it.
Everything else about the package is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads resources/ from the source tree
        target = Path(self.build_lib) / "entretien_desktop" / "resources"
        shutil.copytree(Path(__file__).resolve().parent / "resources", target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
