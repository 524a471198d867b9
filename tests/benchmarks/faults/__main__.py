from tests.benchmarks.faults.cli import main

raise SystemExit(main())
