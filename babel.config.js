// babel-preset-taro compiles the app for every target; TypeScript and React are handled here.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
