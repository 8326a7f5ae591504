"""Spectral clustering runs at 50k cells on a sparse kNN affinity, never an n x n dense matrix."""
import tracemalloc
from sklearn.datasets import make_blobs

from scattn.cluster import spectral
from scattn.metrics import ari


def test_spectral_50k_cells_sparse():
    Z, y = make_blobs(50_000, n_features=10, centers=8, cluster_std=2.0, random_state=0)
    tracemalloc.start()
    labels = spectral(Z, 8, seed=0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1.5e9, f"peak {peak / 1e9:.1f} GB: a dense 50k x 50k matrix would be 20 GB"
    assert ari(y, labels) > 0.95
