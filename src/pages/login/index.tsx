import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { logIn } from '../../services/session';
import { toCloudError } from '../../services/api';
import { ErrorCode } from '../../services/errorCodes';
import { userMessage } from '../../utils/errorMessage';
import { Routes, TAB_ROUTES } from '../../routes';
import './index.css';

/**
 * Every demo account the local host seeds (DEMO=1, cloud/seed/demo.ts), with what each one shows:
 * women with 淘气值 ≥ 600 may create a group, the others may only join; alice's 周末闺蜜团
 * (with bella, emma and ivy) is ready on a fresh demo database; mona is the console's marketer.
 */
const DEMO_PASSWORD = 'demo1234';
const DEMO_ACCOUNTS = [
  { username: 'alice', note: '女 · 淘气值 820 · 周末闺蜜团群主' },
  { username: 'bella', note: '女 · 淘气值 640 · 周末闺蜜团成员' },
  { username: 'emma', note: '女 · 淘气值 700 · 周末闺蜜团成员' },
  { username: 'ivy', note: '女 · 淘气值 680 · 周末闺蜜团成员' },
  { username: 'fiona', note: '女 · 淘气值 610 · 可建群' },
  { username: 'lily', note: '女 · 淘气值 720 · 可建群' },
  { username: 'nina', note: '女 · 淘气值 605 · 可建群' },
  { username: 'grace', note: '女 · 淘气值 599 · 只能加入' },
  { username: 'cathy', note: '女 · 淘气值 560 · 只能加入' },
  { username: 'mia', note: '女 · 淘气值 520 · 只能加入' },
  { username: 'hannah', note: '女 · 淘气值 450 · 只能加入' },
  { username: 'david', note: '男 · 淘气值 900 · 只能加入' },
  { username: 'kevin', note: '男 · 淘气值 650 · 只能加入' },
  { username: 'oscar', note: '男 · 淘气值 480 · 只能加入' },
  { username: 'jack', note: '男 · 淘气值 300 · 只能加入' },
  { username: 'paul', note: '性别未知 · 淘气值 200 · 只能加入' },
  { username: 'mona', note: '营销人员 · 用于营销后台' },
];

/** Where to go after logging in: back to the page that sent us here, or the first tab. */
function redirectTarget(): string {
  const redirect = Taro.getCurrentInstance().router?.params?.redirect;
  const url = redirect ? decodeURIComponent(redirect) : Routes.messages;
  // Only in-app paths: a redirect parameter must never send the user to another site.
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith(Routes.login) ? url : Routes.messages;
}

function goAfterLogin(): void {
  const target = redirectTarget();
  const [path = ''] = target.split('?');
  const isTab = TAB_ROUTES.includes(path);
  void (isTab ? Taro.switchTab({ url: path }) : Taro.reLaunch({ url: target }));
}

/** H5 only: mini-programs log in silently with the host app's identity. */
export default function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busyAs, setBusyAs] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (name: string, secret: string) => {
    if (!name.trim() || !secret) {
      setError('请输入用户名和密码');
      return;
    }
    setBusyAs(name);
    setError(null);
    try {
      await logIn(name.trim(), secret);
      goAfterLogin();
    } catch (e) {
      const cloudError = toCloudError(e);
      setError(cloudError.code === ErrorCode.PASSWORD_MISMATCH ? '用户名或密码不对，请再试一次' : userMessage(cloudError));
    } finally {
      setBusyAs(null);
    }
  };

  return (
    <View className='page login-page'>
      <View className='login-hero'>
        <Text className='login-hero__title'>小黑群</Text>
        <Text className='login-hero__subtitle'>和闺蜜一起逛、一起省</Text>
      </View>

      <View className='card'>
        <Text className='card__title'>演示账号一键登录</Text>
        <Text className='hint'>密码都是 {DEMO_PASSWORD}</Text>
        <View className='demo-accounts'>
          {DEMO_ACCOUNTS.map((account) => (
            <Button
              key={account.username}
              id={`demo-${account.username}`}
              className='btn demo-account'
              disabled={busyAs !== null}
              loading={busyAs === account.username}
              onClick={() => void submit(account.username, DEMO_PASSWORD)}
            >
              <Text className='demo-account__name'>{account.username}</Text>
              <Text className='demo-account__note'>{account.note}</Text>
            </Button>
          ))}
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>用户名密码登录</Text>
        <Input className='input' id='login-username' placeholder='用户名' value={username} onInput={(e) => setUsername(e.detail.value)} />
        <Input
          className='input'
          id='login-password'
          password
          placeholder='密码'
          value={password}
          onInput={(e) => setPassword(e.detail.value)}
          onConfirm={() => void submit(username, password)}
        />
        {error && <Text className='error-text login-error'>{error}</Text>}
        <Button
          className='btn btn--primary'
          id='login-submit'
          disabled={busyAs !== null}
          loading={busyAs === username && busyAs !== null}
          onClick={() => void submit(username, password)}
        >
          登录
        </Button>
      </View>
    </View>
  );
}
