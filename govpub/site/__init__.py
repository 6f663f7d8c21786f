"""The website stage: a MkDocs plugin that turns content/ and checks/registry/ into the site.

`govpub.site.plugin.GovpubPlugin` is registered as the MkDocs plugin `govpub`; the
build command (`govpub build`) lives in govpub/commands/build.py.
"""
