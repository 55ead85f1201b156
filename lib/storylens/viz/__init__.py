"""Plot helpers for the notebooks: each returns ``(figure, data)`` so the data behind a figure is
saved next to it (:func:`storylens.figures.save_figure`). One module per notebook topic."""
