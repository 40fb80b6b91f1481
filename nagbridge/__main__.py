import sys

from nagbridge.cli import main

sys.exit(main())
