from govpub.cli import main

raise SystemExit(main())
