"""The public site: a Pelican plugin (carelist_site.plugin) that renders the validated checklists through theme/.

Data flows one way: the domain package's validated model → pages/ (one view model per page) → generator.py (Pelican).
This file imports nothing, so importing any module of the package never loads the others.
"""
