// Mantine's Button as a typed router link (paths and params checked against the routes).
import { Button, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

const RoutedButton = forwardRef<
  HTMLAnchorElement,
  ButtonProps & AnchorHTMLAttributes<HTMLAnchorElement>
>((props, ref) => <Button component="a" ref={ref} {...props} />);
RoutedButton.displayName = 'RoutedButton';

export const ButtonLink = createLink(RoutedButton);
