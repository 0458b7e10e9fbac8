"""dr-screen shared core: safe image reading, the one preprocessing path, gradability,
grades, metrics, model bundles and the LiteRT grader. Imports neither TensorFlow nor Qt."""
