import {
  buildImage,
  busyboxLayer,
  fileLayer,
  pushTestImage,
  type TestRegistry,
} from '@berth/testkit';

export interface E2eImages {
  /** busybox, one layer */
  base: string;
  /** busybox + one file layer: shares its base layer with `base` */
  web: string;
}

/**
 * Pushes the e2e images to the test registry (nothing downloaded, built here). The base is
 * busybox-static with every applet linked (sh, stty, httpd, top…).
 */
export async function pushE2eImages(registry: TestRegistry): Promise<E2eImages> {
  const base = await busyboxLayer({ applets: 'all' });
  const page = await fileLayer('index.html', '<h1>hello from berth</h1>\n');
  const images = {
    base: `${registry.host}/e2e/busybox:1`,
    web: `${registry.host}/e2e/busybox-web:1`,
  };
  await pushTestImage(images.base, await buildImage({ layers: [base] }));
  const web = await buildImage({
    layers: [base, page],
    config: { Cmd: ['httpd', '-f', '-p', '80', '-h', '/'] },
  });
  await pushTestImage(images.web, web);
  return images;
}
