export default definePageConfig({
  navigationBarTitleText: '添加宝贝',
});
