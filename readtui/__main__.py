from readtui.cli import main

# guarded: a process started by multiprocessing's "spawn" imports this module too
if __name__ == "__main__":
    raise SystemExit(main())
