"""Diagnostic (prints, asserts nothing): why scAMZI finds no groups on simulations that PCA + k-means solves.
On a marker-like simulation (1,500 cells, 2,000 genes, 6 groups, 2 % DE genes per group with log-fold location 1.0,
no dropout, seed 100) it prints, for the matrix scAMZI is fed (dca recipe: size factors, log1p, z-scores) and for
scAMZI's 10-d latent after a short pretraining (40 epochs, no fine-tuning) at the default input noise and without it:
the ARI of k-means with the true K, and how well a 3-fold cross-validated logistic regression recovers the groups
(accuracy), from 10 principal components of the input or from the latent. Labels only score; nothing is chosen here.
Run: OMP_NUM_THREADS=1 .venv/bin/python tests/diagnose_scamzi_sim.py   (about 3 minutes on one core)"""
import warnings
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

from scattn.cluster import kmeans
from scattn.data import simulate
from scattn.metrics import ari
from scattn.models.scamzi import SCAMZIConfig, fit
from scattn.preprocess import preprocess

SIM = dict(n_cells=1500, n_genes=2000, n_groups=6, de_prob=0.02, de_loc=1.0, dropout=False, seed=100)


def probe(Z, y) -> float:
    "3-fold cross-validated accuracy of a logistic regression from Z to the groups."
    return float(cross_val_score(LogisticRegression(max_iter=2000), Z, y, cv=3).mean())


def main():
    warnings.filterwarnings("ignore")
    a = simulate(**SIM)
    y = a.obs["cell_type"].astype(str).values
    p = preprocess(a, "dca", n_top_genes=None)
    Zp = PCA(10, random_state=0).fit_transform(p.X)
    print(f"input (dca recipe, {p.n_vars} genes), 10 PCs: k-means ARI {ari(y, kmeans(Zp, 6, seed=0)[0]):.3f}, probe {probe(Zp, y):.3f}")
    for noise in (SCAMZIConfig.noise_sd, 0.0):
        b = a.copy()
        fit(b, SCAMZIConfig(n_clusters=6, pretrain_epochs=40, finetune_epochs=0, noise_sd=noise), seed=0, progress=False)
        Z = b.obsm["X_scamzi"]
        print(f"scAMZI latent, input noise sd {noise}: spectral ARI {ari(y, b.obs['scamzi']):.3f}, "
              f"k-means ARI {ari(y, kmeans(Z, 6, seed=0)[0]):.3f}, probe {probe(Z, y):.3f}", flush=True)


if __name__ == "__main__":
    main()
