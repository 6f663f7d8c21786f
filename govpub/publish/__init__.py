"""Publishing after merge (Art. 2, 3, 7(五), 12, 14): a pipeline of channels (pipeline.py,
channel.py; one module per registered platform: website, wechat, nanfang) that converges
every registered account on the commit that passed the gate, with a durable ledger on
refs/govpub/ledger and one publisher at a time (lock.py)."""
