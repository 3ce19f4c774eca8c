export * from './image-rootfs.js';
export * from './mountinfo.js';
