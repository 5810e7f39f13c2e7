// The demo product page's "Add to cart" (a file, not inline: the hub's pages allow no inline script).
// The widget's cart API (README, "The widget on a site"): the catalog id from ?p=…, else this page's link.
document.getElementById('add-to-cart').addEventListener('click', () => {
  const productId = new URLSearchParams(location.search).get('p');
  window.dispatchEvent(
    new CustomEvent('parley:cart', { detail: productId ? { action: 'add', productId } : { action: 'add' } }),
  );
  document.getElementById('cart-status').textContent = 'Added to your cart.';
});
