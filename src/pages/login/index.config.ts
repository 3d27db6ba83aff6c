export default definePageConfig({
  navigationBarTitleText: '登录',
  // The login page has its own header, and nowhere to go back to before logging in.
  navigationStyle: 'custom',
});
