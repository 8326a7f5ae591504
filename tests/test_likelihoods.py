"""Property tests of the NB / ZINB negative log-likelihoods on random parameters."""
import numpy as np
import pytest
import torch
from scipy import stats

from scattn.distributions import nb_nll, zinb_nll, MeanAct, DispAct


@pytest.mark.parametrize("seed", range(5))
def test_nb_matches_torch_and_scipy(seed):
    g = torch.Generator().manual_seed(seed)
    mu = torch.exp(torch.randn(50, 40, generator=g) * 2)             # means from ~0.02 to ~50
    theta = torch.exp(torch.randn(50, 40, generator=g))
    x = torch.poisson(mu, generator=g)
    ref = -torch.distributions.NegativeBinomial(total_count=theta, logits=torch.log(mu) - torch.log(theta)).log_prob(x)
    torch.testing.assert_close(nb_nll(x, mu, theta), ref, rtol=1e-3, atol=1e-3)
    sp = -stats.nbinom.logpmf(x.numpy(), theta.double().numpy(), (theta / (theta + mu)).double().numpy())
    np.testing.assert_allclose(nb_nll(x, mu, theta).numpy(), sp, rtol=1e-3, atol=1e-3)


@pytest.mark.parametrize("seed", range(5))
def test_zinb_without_inflation_is_nb(seed):
    g = torch.Generator().manual_seed(seed)
    mu, theta = torch.rand(20, 30, generator=g) * 20 + 0.1, torch.rand(20, 30, generator=g) * 5 + 0.1
    x = torch.poisson(mu, generator=g)
    torch.testing.assert_close(zinb_nll(x, mu, theta, torch.full_like(mu, 1e-12)), nb_nll(x, mu, theta), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("mu,theta,pi", [(0.1, 0.5, 0.2), (1.0, 2.0, 0.5), (3.0, 10.0, 0.05)])
def test_probabilities_sum_to_one(mu, theta, pi):
    k = torch.arange(0, 500.)
    m, t, p = (torch.full_like(k, v) for v in (mu, theta, pi))
    assert abs(torch.exp(-nb_nll(k, m, t)).sum().item() - 1) < 1e-4
    assert abs(torch.exp(-zinb_nll(k, m, t, p)).sum().item() - 1) < 1e-4


def test_gradients_finite_at_extremes():
    a = torch.tensor([[-40., -5., 0., 10., 40.]], requires_grad=True)
    b = torch.tensor([[-40., -5., 0., 10., 40.]], requires_grad=True)
    c = torch.tensor([[-40., -5., 0., 10., 40.]], requires_grad=True)
    x = torch.tensor([[0., 1., 5., 1000., 0.]])
    zinb_nll(x, MeanAct()(a), DispAct()(b), torch.sigmoid(c), ridge=1.0, reduction="sum").backward()
    for v in (a, b, c): assert torch.isfinite(v.grad).all()
