-- Alipay mini-program subscribe messages (my.requestSubscribeMessage, sent through the open
-- platform's alipay.open.app.mini.templatemessage.send) next to WeChat's: an acceptance and an
-- outbox message name the platform they are sent through.
alter table notification_subscriptions drop constraint notification_subscriptions_provider_check;
alter table notification_subscriptions add constraint notification_subscriptions_provider_check check (provider in ('weapp', 'alipay'));
alter table notification_outbox drop constraint notification_outbox_provider_check;
alter table notification_outbox add constraint notification_outbox_provider_check check (provider in ('weapp', 'alipay'));
