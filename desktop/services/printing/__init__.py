"""PDF printing with reportlab; every PDF embeds the bundled CJK font."""
