/**
 * Main package: the three tab pages (and the H5 login page). Everything else lives in
 * subpackages that mini-programs download on first use, so the main package stays small:
 * a group (`packages/group`), its shared product list (`packages/list`), money (`packages/wallet`),
 * the campaign page (`packages/campaign`), coupons, pooled orders and group buys (`packages/shop`),
 * the order history (`packages/orders`), the message centre's notices (`packages/notices`).
 */
const isH5 = process.env.TARO_ENV === 'h5';

export default defineAppConfig({
  pages: ['pages/messages/index', 'pages/groups/index', 'pages/me/index', ...(isH5 ? ['pages/login/index'] : [])],
  subPackages: [
    {
      root: 'packages/group',
      pages: ['create/index', 'home/index', 'join/index'],
    },
    { root: 'packages/list', pages: ['home/index', 'add/index', 'product/index'] },
    { root: 'packages/wallet', pages: ['home/index', 'splits/index'] },
    { root: 'packages/campaign', pages: ['index/index'] },
    { root: 'packages/shop', pages: ['coupons/index', 'pooledList/index', 'pooled/index', 'deals/index', 'groupbuy/index'] },
    { root: 'packages/orders', pages: ['list/index', 'detail/index'] },
    { root: 'packages/notices', pages: ['list/index'] },
    { root: 'packages/me', pages: ['profile/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ff5000',
    navigationBarTitleText: '小黑群',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    // H5: Taro's own title bar (the page's navigationBarTitleText, a back button, or a home button
    // on a page opened straight from a link). Mini-programs draw theirs natively.
    ...(isH5 ? { navigationStyle: 'default' as const } : {}),
  },
  // H5: no sliding between pages. The router finishes a slide on timers that a quick tap outruns:
  // going back before the slide in has ended left the page underneath hidden (a blank screen), and
  // switching tabs right after going back unmounted the tab just opened instead of the page left.
  // Without the slide every step completes at once. Mini-programs animate natively, untouched.
  ...(isH5 ? { animation: false } : {}),
  tabBar: {
    color: '#666666',
    selectedColor: '#ff5000',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/messages/index',
        iconPath: 'assets/tabbar/messages.png',
        selectedIconPath: 'assets/tabbar/messages-active.png',
        text: '消息',
      },
      {
        pagePath: 'pages/groups/index',
        iconPath: 'assets/tabbar/groups.png',
        selectedIconPath: 'assets/tabbar/groups-active.png',
        text: '小黑群',
      },
      { pagePath: 'pages/me/index', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png', text: '我的' },
    ],
  },
});
