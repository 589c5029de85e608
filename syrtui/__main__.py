from syrtui.cli import main

raise SystemExit(main())
