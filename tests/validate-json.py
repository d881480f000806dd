#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema, independently of Clausemark's C code.

    validate-json.py SCHEMA FILE|DIR...

A DIR contributes its *.json files (not recursively). Uses Debian's
python3-jsonschema; the draft is taken from the schema's "$schema".
Exit status: 0 when every file validates, 1 when one does not (each
violation is printed with the file and the failing path), 2 on bad usage
or an unreadable schema.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write("validate-json.py: python3-jsonschema is not installed\n")
    sys.exit(2)


def json_path(error):
    """The failing location as a JSONPath-like string: $.clauses[3].end"""
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def files_of(arguments):
    for argument in arguments:
        if os.path.isdir(argument):
            for name in sorted(os.listdir(argument)):
                if name.endswith(".json"):
                    yield os.path.join(argument, name)
        else:
            yield argument


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        sys.stderr.write(f"validate-json.py: {argv[1]}: bad schema: {e}\n")
        return 2

    checked = failed = 0
    for path in files_of(argv[2:]):
        checked += 1
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{path}: not readable JSON: {e}", file=sys.stderr)
            failed += 1
            continue
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            print(f"{path}: {json_path(error)}: {error.message[:300]}", file=sys.stderr)
        if errors:
            failed += 1
        else:
            print(f"{path}: OK")
    if checked == 0:
        sys.stderr.write("validate-json.py: no JSON files given\n")
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
