# Entretien Desktop: two commands for people (`make run`, `make test`) and the steps behind them.
# Set-up is idempotent: Debian packages only when missing, the virtualenv only when
# pyproject.toml changed, catalogs only when a .po changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DOMAIN := entretien_desktop
LANGUAGES := fr en nl nb
POT := translations/$(DOMAIN).pot
LOCALE := src/$(DOMAIN)/locale
MO_FILES := $(foreach l,$(LANGUAGES),$(LOCALE)/$(l)/LC_MESSAGES/$(DOMAIN).mo)

# Qt offscreen needs these shared libraries; a real window also needs the X ones.
QT_DEBS := libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
# pdftoppm, for the test that a rendered report page is not blank; zbarimg, for the test
# that a signed report's QR code reads back as its fingerprint.
# postgresql, for the storage tests against a throwaway server (tests/postgres_server.py).
TEST_DEBS := poppler-utils zbar-tools postgresql
X_DEBS := xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0

# The storage and services tests again, on a throwaway PostgreSQL server instead of files
# (docs/server.md, "Tests on both back ends"): those about files by nature are marked
# file_only; the interface's are left to the first pass.
SERVER_PASS := \
	tests/test_storage.py \
	tests/test_workspace.py \
	tests/test_signing.py \
	tests/test_interview_services.py \
	tests/test_interview_records.py \
	tests/test_journal.py \
	tests/test_undo.py \
	tests/test_company_file.py \
	tests/test_demo.py \
	tests/test_dsn_import.py \
	tests/test_sheet_import.py \
	tests/test_sheet_formats.py \
	tests/test_retention.py \
	tests/test_seal.py \
	tests/test_forgery.py \
	tests/test_typed_trainings.py \
	tests/test_typed_dates.py \
	tests/test_training_funding.py \
	tests/test_summary_conclusion.py \
	tests/test_one_meeting.py \
	tests/test_currency.py \
	tests/test_forfait_jours_risk.py \
	tests/test_letter_and_privacy.py \
	tests/test_reports.py \
	tests/test_register_reports.py \
	tests/test_xlsx_export.py \
	tests/test_write_failures.py \
	tests/test_roundtrip_property.py \
	tests/test_policy_start.py \
	tests/test_bounded_input.py \
	tests/test_skills_storage.py

.PHONY: run test pytest-server setup deps-test deps-run lint typecheck pytest translations extract-messages \
	update-catalogs bench wheel bundle clean

run: deps-run setup
	$(BIN)/entretien-desktop

test: deps-test setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest
	$(MAKE) --no-print-directory pytest-server

# The second pass of `make test`: the storage and services tests on a PostgreSQL server.
pytest-server: deps-test setup
	ENTRETIEN_TEST_SERVER=1 QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:randomly \
		-m "not gui and not file_only and not postgres" $(SERVER_PASS)

setup: $(STAMP) translations

deps-test:
	@packaging/debian-deps.sh $(QT_DEBS) $(TEST_DEBS)

deps-run:
	@packaging/debian-deps.sh $(QT_DEBS) $(X_DEBS)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

translations: $(MO_FILES)

$(LOCALE)/%/LC_MESSAGES/$(DOMAIN).mo: translations/%.po $(STAMP)
	mkdir -p $(dir $@)
	$(BIN)/pybabel compile --statistics -D $(DOMAIN) -l $* -i $< -o $@

# Catalog upkeep: extract the messages of the code, then merge them into every catalog.
extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k ngettext:1,2 -k say -k say_n:1,2 -k term --sort-by-file \
		--project="Entretien Desktop" --no-location --omit-header -o $(POT) src resources

update-catalogs: extract-messages
	for l in $(LANGUAGES); do \
		if [ -f translations/$$l.po ]; then \
			$(BIN)/pybabel update -D $(DOMAIN) -l $$l -i $(POT) -o translations/$$l.po --no-fuzzy-matching --ignore-obsolete; \
		else \
			$(BIN)/pybabel init -D $(DOMAIN) -l $$l -i $(POT) -o translations/$$l.po; \
		fi; \
	done
	$(BIN)/python translations/fill_english.py translations/en.po

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

pytest: deps-test setup
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: setup
	$(BIN)/python bench/import.py

# A wheel with the templates, fonts and compiled catalogs inside (setup.py adds resources/).
wheel: setup
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation --wheel-dir dist .

# The frozen program (PyInstaller onedir) and its Linux archive, built from the wheel in a
# build environment of its own, then checked (tests/test_bundle.py: self-test, the same
# answers as the venv, a file given on the command line, install and uninstall) and measured
# (bench/bundle.py: build time, size, start-up next to the venv). Slow: not part of `test`.
BUNDLE_VENV := .venv-bundle
bundle: deps-test wheel
	test -x $(BUNDLE_VENV)/bin/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install --quiet --upgrade pip 'pyinstaller>=6.22'
	$(BUNDLE_VENV)/bin/python -m pip install --quiet dist/entretien_desktop-*.whl
	$(BUNDLE_VENV)/bin/python -m pip install --quiet --force-reinstall --no-deps dist/entretien_desktop-*.whl
	BUNDLE=1 BUNDLE_PYTHON=$(BUNDLE_VENV)/bin/python QT_QPA_PLATFORM=offscreen \
		$(BIN)/pytest -p no:randomly tests/test_bundle.py
	cd bench && ../$(BIN)/python bundle.py --build-seconds $$(cat ../build/bundle/build-seconds)

clean:
	rm -rf $(VENV) $(BUNDLE_VENV) $(LOCALE) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
