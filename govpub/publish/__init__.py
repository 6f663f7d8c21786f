"""Publishing after merge (Art. 2, 3, 7(五), 12, 14): deploy the site, sync the registered
accounts only, keep a ledger so that any re-run finishes the job without double posting."""
