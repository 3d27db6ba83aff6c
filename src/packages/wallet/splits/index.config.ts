export default definePageConfig({
  navigationBarTitleText: '瓜分结果',
  enablePullDownRefresh: true,
});
