"""The package list, which pyproject.toml cannot give together with a mapped folder: every package
under desktop/ (those without __init__.py too) and resources/ inside the package as
desktop/_resources/ (a top-level "resources" would collide with other projects' in site-packages).
Everything else about the build is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=find_namespace_packages(include=["desktop*"]) + ["desktop._resources"],
    package_dir={"desktop._resources": "resources"},
)
