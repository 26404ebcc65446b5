"""Renderers: they turn a frozen report snapshot into files (DOCX, PDF, XLSX, PNG charts).

They never query the database; everything they print comes from the snapshot dict.
"""
