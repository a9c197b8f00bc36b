"""The learned spam filter: features (features.py), the shipped model and its loading (model.py),
training and honest evaluation (training.py, which alone imports scikit-learn's learners)."""
