export default definePageConfig({
  navigationBarTitleText: '领券拼单',
  enablePullDownRefresh: true,
});
