namespace PromoAdmin.Checkout;
