export * from './image-rootfs.js';
export * from './mountinfo.js';
export * from './read-in-root.js';
