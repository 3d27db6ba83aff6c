-- WeChat unionids as a login identity of their own (provider 'lc_weapp_union'), so that users
-- moved off LeanCloud who logged in by unionid land on the same account, whatever openid the
-- mini-program reports for them here.
alter table auth_identities drop constraint auth_identities_provider_check;
alter table auth_identities add constraint auth_identities_provider_check
  check (provider in ('lc_weapp', 'lc_weapp_union', 'lc_alipay'));
