#!/bin/sh
# The image's entry point.  With no arguments (or the default command) it runs the main
# job; `jupyter` alone, or followed by options, serves JupyterLab (on 0.0.0.0:8888, set
# in the environment's jupyter_server_config.json; options override it); any other
# command runs as given (`docker run IMAGE nagbridge doctor`, `... bash`).
set -e
if [ "${1:-}" = "jupyter" ]; then
  case "${2:-}" in
    "" | -*)
      shift
      exec jupyter lab "$@"
      ;;
  esac
fi
if [ "$#" -eq 0 ]; then
  set -- nagbridge implicitize --widths 2,2,3 --activation-degree 2
fi
exec "$@"
