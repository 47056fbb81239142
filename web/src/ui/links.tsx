// Mantine's Anchor as a typed router link: paths and their params are checked against the routes.
import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

const RoutedAnchor = forwardRef<
  HTMLAnchorElement,
  AnchorProps & AnchorHTMLAttributes<HTMLAnchorElement>
>((props, ref) => <Anchor ref={ref} {...props} />);
RoutedAnchor.displayName = 'RoutedAnchor';

export const AnchorLink = createLink(RoutedAnchor);
