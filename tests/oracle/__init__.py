"""An oracle for the rules engine: a second, plain reading of the domain brief (section 4)
and of the readings docs/rules.md states where the brief is silent, written without the
engine's code, to compare the engine with on generated companies (tests/test_oracle.py,
bench/oracle.py)."""
