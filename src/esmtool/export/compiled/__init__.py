"""The built-in templates, compiled by Jinja2 into Python: generated files, do not edit.

Written by ``python -m esmtool.export.precompile`` from the files in
``esmtool/export/templates/``; ``tests/export/test_precompiled.py`` fails when they no
longer match. :mod:`esmtool.export.templating` uses a module only when it was built from
the same template text by the running Jinja2 version (else it compiles the template).
"""

#: Template name -> the module beside this one that holds its compiled code.
MODULES = {"esm.html.j2": "esm_html", "esm.md.j2": "esm_md"}
#: Template name -> (Jinja2 version, SHA-256 of the template's text) it was built from.
BUILT_FROM = {
    "esm.html.j2": ("3.1.6", "b42fd35411c6ec0a5b7201648fcad6384dac54a405829e9c19607579a51d4be9"),
    "esm.md.j2": ("3.1.6", "2b0cdf748e55ea56be77dc0fd705644c5173e5c598220867da5b5451d67cb073"),
}
