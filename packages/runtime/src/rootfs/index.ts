export * from './image-rootfs.js';
export * from './read-in-root.js';
