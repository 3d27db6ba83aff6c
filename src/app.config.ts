/**
 * Main package: the three tab pages (and the H5 login page). Everything about a single group
 * lives in the `packages/group` subpackage, which mini-programs download on first use, so the
 * main package stays small.
 */
const isH5 = process.env.TARO_ENV === 'h5';

export default defineAppConfig({
  pages: ['pages/messages/index', 'pages/groups/index', 'pages/me/index', ...(isH5 ? ['pages/login/index'] : [])],
  subPackages: [
    {
      root: 'packages/group',
      pages: ['create/index', 'home/index', 'join/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ff5000',
    navigationBarTitleText: '小黑群',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#ff5000',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/messages/index', text: '消息' },
      { pagePath: 'pages/groups/index', text: '小黑群' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
});
