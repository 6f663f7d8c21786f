"""三审 (Art. 7): review levels, the pure verifier, forge adapters, the record in Git, the form.

model.py    normalized Review / PullRequest / Commit and the JSON → dataclass functions
verify.py   the decision: a pure function over normalized records and the registry
forge.py    the adapter base: httpx client, timeouts, typed errors, token from the environment
github.py, gitea.py   the two REST APIs (their review states and fields differ)
comment.py  the PR comment with the approval table
record.py   the verdict as a git note on the merge commit (refs/notes/govpub-approvals)
form.py     the 《信息发布审批表》 from that note, as HTML and PDF
codeowners.py  CODEOWNERS for GitHub (gitignore patterns) and Gitea (regular expressions)
"""
