export { chooseAvatarPicture } from './avatarFile';
