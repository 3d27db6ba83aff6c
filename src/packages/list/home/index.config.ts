export default definePageConfig({
  navigationBarTitleText: '商品共享清单',
  enablePullDownRefresh: true,
});
