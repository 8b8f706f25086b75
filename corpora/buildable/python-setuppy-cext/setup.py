from setuptools import Extension, setup

setup(
    name="fastcount",
    version="1.2.0",
    package_dir={"": "src"},
    packages=["fastcount"],
    ext_modules=[Extension("fastcount._speedups", ["src/fastcount/_speedups.c"])],
    entry_points={"console_scripts": ["fastcount=fastcount.cli:main"]},
)
