export default definePageConfig({
  navigationBarTitleText: '小黑群',
  enablePullDownRefresh: true,
});
