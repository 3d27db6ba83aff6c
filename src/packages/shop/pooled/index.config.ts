export default definePageConfig({
  navigationBarTitleText: '拼单',
  enablePullDownRefresh: true,
});
