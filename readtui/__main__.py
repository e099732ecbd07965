from readtui.cli import main

raise SystemExit(main())
