"""campaign-svc: the activities that pull new users and convert them — campaigns, coupons,
referrals (fission) and leads."""
